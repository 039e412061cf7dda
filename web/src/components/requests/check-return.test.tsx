import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { CheckReturnNote } from './check-return';

describe('CheckReturnNote', () => {
  it('tells the unit the checker’s note on a returned order', () => {
    render(
      <CheckReturnNote
        order={{
          checkReturn: { at: '2024-07-02T02:00:00.000Z', note: '未说明雨水口疏通后是否复查', reasons: [] },
        }}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe('质检退回：未说明雨水口疏通后是否复查');
  });

  it('shows nothing on an order never returned', () => {
    const { container } = render(<CheckReturnNote order={{ checkReturn: null }} />);
    expect(container.textContent).toBe('');
  });
});
