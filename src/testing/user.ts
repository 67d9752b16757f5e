import userEvent from '@testing-library/user-event';

/**
 * user-event without its default pause (a 0 ms timer) after every key and pointer action: the editors need no timers
 * between keystrokes, and the pauses cost seconds per test on a busy machine.
 */
export const user = userEvent.setup({ delay: null });
