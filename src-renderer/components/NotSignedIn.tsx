// Shown instead of the app when serve mode refuses the tab (no sign-in cookie).
import { Center, Code, Paper, Stack, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';

export function NotSignedIn() {
  return (
    <Center h="100vh" p="md" data-testid="not-signed-in">
      <Paper withBorder p="xl" maw={560}>
        <Stack gap="sm">
          <IconLock size={32} aria-hidden />
          <Title order={2}>This browser tab is not signed in</Title>
          <Text>
            Open the URL that <Code>fieldwise serve</Code> printed when it started: it contains <Code>?token=</Code> and signs this
            browser in. If you no longer have it, stop the server and start it again to get a new one.
          </Text>
        </Stack>
      </Paper>
    </Center>
  );
}
