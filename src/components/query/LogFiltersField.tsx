import React, { useMemo, useState } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import {
  Button,
  Combobox,
  ComboboxOption,
  FieldValidationMessage,
  IconButton,
  InlineField,
  InlineFieldRow,
  Input,
  useStyles2,
} from '@grafana/ui';

import { ResourceState } from '../../hooks/useResource';
import { logFilterField } from '../../query/defaults';
import { LOG_FILTER_OPERATORS } from '../../types/declarations';
import { LogFilter, LogFilterOperator } from '../../types/query';
import { LogField, LogFieldCatalogue } from '../../types/resources';
import { selectors } from '../selectors';
import { resourceOptions } from './resourceOptions';

const { labels } = selectors.queryEditor;

/** Operators Fastly accepts only on numeric fields. */
const NUMERIC_OPERATORS: readonly string[] = ['gt', 'gte', 'lt', 'lte'];

const NEW_FILTER: LogFilter = { field: '', operator: 'eq', value: '' };

const FILTERS_TOOLTIP =
  "Keep only the records that pass every filter. Values may use template variables; 'in' takes a comma-separated list.";

/** Under the rows, the add button lines up with their fields: past a 14-unit label and its margin. */
const getStyles = (theme: GrafanaTheme2) => ({
  add: css({
    marginLeft: theme.spacing(14.5),
    marginBottom: theme.spacing(0.5),
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  }),
});

/** Whether a row may use an operator: comparisons need a numeric field, `neq` a query type that applies it. */
function operatorAllowed(operator: string, field: LogField | undefined, allowNeq: boolean): boolean {
  if (operator === 'neq') {
    return allowNeq;
  }
  return !NUMERIC_OPERATORS.includes(operator) || field?.type === 'number';
}

function operatorOf(value: string): LogFilterOperator | undefined {
  return LOG_FILTER_OPERATORS.find((operator) => operator === value);
}

/** The catalogue's fields a query may filter on or group by, as dropdown options. */
export function logFieldOptions(catalogue: LogFieldCatalogue, flag: 'filterable' | 'groupable'): ComboboxOption[] {
  return catalogue.fields
    .filter((field) => field[flag])
    .map((field) => ({ label: field.label, value: field.value, description: field.value }));
}

const filterableOptions = (catalogue: LogFieldCatalogue) => logFieldOptions(catalogue, 'filterable');

interface Props {
  /** The log field catalogue, loaded once by the editor (useLogFields). */
  catalogue: ResourceState<LogFieldCatalogue>;
  refId: string;
  value: LogFilter[];
  onChange: (filters: LogFilter[]) => void;
  /** Whether "is not" (neq) is offered: only logs queries apply it. */
  allowNeq: boolean;
}

/** Filter rows of a log query: field, operator, value; the rows combine with AND. */
export function LogFiltersField({ catalogue, refId, value: filters, onChange, allowNeq }: Props) {
  const styles = useStyles2(getStyles);
  const fields = useMemo(() => resourceOptions(catalogue, filterableOptions), [catalogue]);
  const setRow = (index: number, filter: LogFilter) =>
    onChange(filters.map((entry, at) => (at === index ? filter : entry)));
  const removeRow = (index: number) => onChange(filters.filter((_, at) => at !== index));

  return (
    <>
      {filters.map((filter, index) => (
        <FilterRow
          // Rows keep their place as key, so a row is never remounted under a click or typing; FilterRow follows a
          // stored value that changes from outside (Explore's filter toggles, a removed row above).
          key={index}
          id={`fastly-filter-${refId}-${index}`}
          first={index === 0}
          filter={filter}
          catalogue={catalogue.value}
          loading={catalogue.loading}
          fieldOptions={fields}
          allowNeq={allowNeq}
          onChange={(next) => setRow(index, next)}
          onRemove={() => removeRow(index)}
        />
      ))}
      {filters.length === 0 ? (
        <InlineFieldRow>
          <InlineField label={labels.filter} labelWidth={14} tooltip={FILTERS_TOOLTIP}>
            <AddButton onClick={() => onChange([NEW_FILTER])} />
          </InlineField>
        </InlineFieldRow>
      ) : (
        <div className={styles.add}>
          <AddButton onClick={() => onChange([...filters, NEW_FILTER])} />
          {filters.some((filter) => filter.field === '') && (
            <FieldValidationMessage>Choose a field for every filter, or remove the filter</FieldValidationMessage>
          )}
        </div>
      )}
    </>
  );
}

function AddButton({ onClick }: { onClick: () => void }) {
  return (
    <Button data-testid={selectors.queryEditor.filterAdd} icon="plus" variant="secondary" size="sm" onClick={onClick}>
      Add filter
    </Button>
  );
}

interface RowProps {
  id: string;
  first: boolean;
  filter: LogFilter;
  catalogue: LogFieldCatalogue | undefined;
  loading: boolean;
  fieldOptions: ComboboxOption[];
  allowNeq: boolean;
  onChange: (filter: LogFilter) => void;
  onRemove: () => void;
}

/** One filter: the field dropdown, the operators it takes, and the value, applied when it loses focus. */
function FilterRow({ id, first, filter, catalogue, loading, fieldOptions, allowNeq, onChange, onRemove }: RowProps) {
  const [value, setValue] = useState(filter.value);
  const [storedValue, setStoredValue] = useState(filter.value);
  if (filter.value !== storedValue) {
    setStoredValue(filter.value);
    setValue(filter.value);
  }
  const field = catalogue?.fields.find((entry) => entry.value === filter.field);
  const operators = (catalogue?.operators ?? [])
    .filter((operator) => operatorAllowed(operator.value, field, allowNeq))
    .map((operator) => ({ label: operator.label, value: operator.value, description: operator.value }));
  const missingField = filter.field === '';

  const changeField = (name: string) => {
    const next = logFilterField(name);
    if (next === undefined) {
      return;
    }
    const nextField = catalogue?.fields.find((entry) => entry.value === next);
    const operator = operatorAllowed(filter.operator, nextField, allowNeq) ? filter.operator : 'eq';
    onChange({ ...filter, field: next, operator });
  };

  return (
    <InlineFieldRow>
      <InlineField
        label={first ? labels.filter : 'and'}
        labelWidth={14}
        tooltip={first ? FILTERS_TOOLTIP : undefined}
        htmlFor={`${id}-field`}
        invalid={missingField}
      >
        <Combobox
          id={`${id}-field`}
          data-testid={selectors.queryEditor.filterField}
          width={18}
          options={fieldOptions}
          value={filter.field === '' ? null : filter.field}
          loading={loading}
          invalid={missingField}
          placeholder="Field"
          onChange={(option) => changeField(option.value)}
        />
      </InlineField>
      <InlineField>
        <Combobox
          id={`${id}-operator`}
          data-testid={selectors.queryEditor.filterOperator}
          width={10}
          options={operators}
          value={filter.operator}
          onChange={(option) => {
            const operator = operatorOf(option.value);
            if (operator !== undefined) {
              onChange({ ...filter, operator });
            }
          }}
        />
      </InlineField>
      <InlineField>
        <Input
          id={`${id}-value`}
          data-testid={selectors.queryEditor.filterValue}
          width={16}
          placeholder={filter.operator === 'in' ? 'a,b,c' : 'Value'}
          value={value}
          onChange={(event) => setValue(event.currentTarget.value)}
          onBlur={() => {
            if (value !== filter.value) {
              onChange({ ...filter, value });
            }
          }}
        />
      </InlineField>
      <IconButton
        data-testid={selectors.queryEditor.filterRemove}
        name="trash-alt"
        tooltip="Remove this filter"
        onClick={onRemove}
      />
    </InlineFieldRow>
  );
}
