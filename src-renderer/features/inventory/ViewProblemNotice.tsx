// A saved view refused by main: the reason, and each field at fault with what is wrong with it.
import { List, Text } from '@mantine/core';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import type { ViewProblem } from '../../store/views-slice.js';

export function ViewProblemNotice({ title, problem }: { title: string; problem: ViewProblem }) {
  return (
    <div data-testid="view-problem">
      <ErrorNotice title={title} message={problem.error} />
      {problem.details.length > 0 && (
        <List size="xs" mt={4} data-testid="view-problem-details">
          {problem.details.map((d) => (
            <List.Item key={`${d.path}:${d.message}`}>
              <Text span size="xs" className="fw-mono">
                {d.path || '(file)'}
              </Text>
              : {d.message}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
