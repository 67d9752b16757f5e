import { screen } from '@testing-library/react';

import { selectors } from '../components/selectors';
import { user } from './user';

/** Replaces the legend with `text` (pasted, so braces are literal) and leaves the field, which applies it. */
export async function setLegend(text: string) {
  const input = screen.getByTestId(selectors.queryEditor.legendFormat);
  await user.clear(input);
  if (text !== '') {
    await user.click(input);
    await user.paste(text);
  }
  await user.tab();
}
