import { ScopedVars, TimeRange, TypedVariableModel } from '@grafana/data';
import { TemplateSrv } from '@grafana/runtime';

type Value = string | string[];

const VARIABLE = /\$(\w+)|\$\{(\w+)(?::(\w+))?\}/g;

/**
 * A TemplateSrv with fixed variable values. Like Grafana's, it joins multi-value variables with commas for the
 * "csv" format and as {a,b} otherwise, hands the value (a string, or the list of a multi-value variable) to a
 * format function, and lets scoped variables (repeated panels) win.
 */
export class FakeTemplateSrv implements TemplateSrv {
  constructor(private readonly values: Record<string, Value> = {}) {}

  getVariables(): TypedVariableModel[] {
    return Object.keys(this.values).map(
      (name) => ({ name, label: name, type: 'custom' }) as unknown as TypedVariableModel
    );
  }

  replace(target?: string, scopedVars?: ScopedVars, format?: string | Function): string {
    return (target ?? '').replace(VARIABLE, (match, plain?: string, braced?: string, inlineFormat?: string) => {
      const name = plain ?? braced ?? '';
      const scoped = scopedVars?.[name]?.value;
      const value: Value | undefined = typeof scoped === 'string' ? scoped : this.values[name];
      if (value === undefined) {
        return match;
      }
      if (typeof format === 'function' && inlineFormat === undefined) {
        return format(value);
      }
      if (!Array.isArray(value)) {
        return value;
      }
      return (inlineFormat ?? format) === 'csv' ? value.join(',') : `{${value.join(',')}}`;
    });
  }

  containsTemplate(target?: string): boolean {
    return (target ?? '').search(VARIABLE) !== -1;
  }

  updateTimeRange(_timeRange: TimeRange): void {}
}
