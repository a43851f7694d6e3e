// "Run now" shows the plan before anything is sent: the protocol, what it reads and the only
// services it may send, targets and how many probes, the credential sets by name with whether their
// secrets are readable, the rate and the other safety settings, the worst-case duration and the
// warnings. A plant (OT) scope needs an explicit confirmation.
import { Alert, Badge, Button, Checkbox, Code, Group, List, Modal, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconAlertOctagon, IconAlertTriangle, IconBuildingFactory2, IconPlayerPlay } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import { CREDENTIAL_SET_KIND_LABELS, type DiscoveryPlan } from '../../../src-shared/api/discovery.js';
import { describeScopeOptions } from '../../../src-shared/lib/describe-scope-options.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { formatCount, formatDuration } from '../../lib/format.js';
import { useAppStoreApi } from '../../store/use-app-store.js';
import { SecretStatusBadge } from './SecretStatusBadge.js';

export interface RunPlanModalProps {
  scopeId: string;
  /** Resume: probe only what this interrupted or cancelled run did not finish. */
  resumeRunId?: string;
  onClose: () => void;
  onStarted: (runId: string) => void;
}

function PlanRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={170} fw={500} c="dimmed" fz="xs">
        {label}
      </Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

export function RunPlanModal({ scopeId, resumeRunId, onClose, onStarted }: RunPlanModalProps) {
  const store = useAppStoreApi();
  const [plan, setPlan] = useState<DiscoveryPlan | null>(null);
  const [planError, setPlanError] = useState<string | null>(null);
  const [confirmOt, setConfirmOt] = useState(false);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void store
      .getState()
      .planDiscovery(scopeId)
      .then((result) => {
        if (!current) return;
        if (result.error !== undefined) setPlanError(result.error);
        else setPlan(result.plan);
      });
    return () => {
      current = false;
    };
  }, [store, scopeId]);

  async function start() {
    if (!plan) return;
    setStarting(true);
    setStartError(null);
    const result = await store
      .getState()
      .startDiscovery(scopeId, { confirmOt: plan.requiresConfirmation ? confirmOt : false, ...(resumeRunId ? { resumeRunId } : {}) });
    setStarting(false);
    if (result.error !== undefined) setStartError(result.error);
    else onStarted(result.run.id);
  }

  const about = plan ? describeScopeOptions(plan.options, plan.depth) : null;
  const blocked = plan !== null && (!plan.canStart || plan.activeRunId !== null || (plan.requiresConfirmation && !confirmOt));
  const title = plan ? `${resumeRunId ? 'Resume' : 'Run'} “${plan.scopeName}”: the plan` : 'The plan of this run';

  return (
    <Modal opened onClose={onClose} title={title} size="lg" data-testid="run-plan">
      <Stack gap="sm">
        {planError && <ErrorNotice title="The plan could not be made" message={planError} />}
        {!plan && !planError && (
          <Stack gap="xs" aria-busy>
            <Skeleton h={16} />
            <Skeleton h={16} />
            <Skeleton h={16} w="60%" />
          </Stack>
        )}
        {plan && about && (
          <>
            {plan.ot && (
              <Alert color="orange" variant="light" icon={<IconBuildingFactory2 aria-hidden />} title="Plant (OT) network" p="xs" data-testid="plan-ot-notice">
                This run sends {about.protocol} requests to devices on a control network: {about.services}.
              </Alert>
            )}
            {resumeRunId && (
              <Text size="sm">Resuming probes only the targets the earlier run did not finish; the rest of the plan is the scope's as it is now.</Text>
            )}
            <Table verticalSpacing={3} fz="sm" withRowBorders={false} data-testid="plan-table" data-can-start={plan.canStart}>
              <Table.Tbody>
                <PlanRow label="Targets">
                  <Stack gap={2}>
                    <Text size="sm" data-testid="plan-target-count">
                      {formatCount(plan.addressCount)} address{plan.addressCount === 1 ? '' : 'es'} × {plan.ports.length} port
                      {plan.ports.length === 1 ? '' : 's'} = <b>{formatCount(plan.targetCount)}</b> probe{plan.targetCount === 1 ? '' : 's'}
                    </Text>
                    <Text size="xs" className="fw-mono">
                      {plan.targets.join(', ')}
                      {plan.exclusions.length > 0 && <Text span c="dimmed" size="xs">{` — except ${plan.exclusions.join(', ')}`}</Text>}
                    </Text>
                    {plan.sampleTargets.length > 0 && (
                      <Text size="xs" c="dimmed">
                        First: <span className="fw-mono">{plan.sampleTargets.slice(0, 6).join(', ')}</span>
                        {plan.targetCount > 6 ? ' …' : ''}
                      </Text>
                    )}
                  </Stack>
                </PlanRow>
                <PlanRow label="Protocol">
                  <Stack gap={2}>
                    <Text size="sm" data-testid="plan-protocol">
                      <b>{about.protocol}</b> on {about.transport} {plan.ports.join(', ')}: {about.reads.join('; ')}
                    </Text>
                    <Text size="xs" c="dimmed" data-testid="plan-services">
                      Sends {about.services}.
                    </Text>
                  </Stack>
                </PlanRow>
                <PlanRow label="Credential sets">
                  {plan.credentials.length === 0 ? (
                    <Text size="sm" data-testid="plan-no-credentials">
                      {plan.needsCredentials
                        ? 'None'
                        : plan.protocol === 'opcua'
                          ? 'None: servers are asked anonymously'
                          : `None needed (${about.protocol} has no credentials)`}
                    </Text>
                  ) : (
                    <Stack gap={2}>
                      {plan.credentials.map((c, i) => (
                        <Group key={c.id} gap="xs" data-testid="plan-credential">
                          <Text size="sm">
                            {i + 1}. {c.name}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {CREDENTIAL_SET_KIND_LABELS[c.kind]}
                          </Text>
                          <SecretStatusBadge status={c.secretStatus} />
                        </Group>
                      ))}
                    </Stack>
                  )}
                </PlanRow>
                <PlanRow label="Rate">
                  <span data-testid="plan-rate">
                    {formatCount(plan.settings.ratePerSecond)} requests/s, {plan.settings.concurrency} host{plan.settings.concurrency === 1 ? '' : 's'} at once,{' '}
                    {plan.settings.perHostIntervalMs} ms between requests to one device
                  </span>
                </PlanRow>
                <PlanRow label="Timeout and retries">
                  {plan.settings.timeoutMs} ms, {plan.settings.retries} retr{plan.settings.retries === 1 ? 'y' : 'ies'} (backoff ×{plan.settings.backoff})
                </PlanRow>
                <PlanRow label="Requests per device">
                  at most <span data-testid="plan-requests-per-target">{formatCount(plan.requestsPerTarget)}</span> to a device that answers
                </PlanRow>
                <PlanRow label="Worst case">
                  <span data-testid="plan-duration">{formatDuration(plan.estimatedMaxDurationMs)}</span>{' '}
                  <Text span size="xs" c="dimmed">
                    if no device answers
                  </Text>
                </PlanRow>
                {plan.network && <PlanRow label="Network">{plan.network}</PlanRow>}
              </Table.Tbody>
            </Table>
            {plan.warnings.length > 0 && (
              <Alert
                color={plan.canStart ? 'orange' : 'red'}
                variant="light"
                icon={plan.canStart ? <IconAlertTriangle aria-hidden /> : <IconAlertOctagon aria-hidden />}
                title={plan.canStart ? 'Before you start' : 'This run cannot start'}
                p="xs"
                data-testid="plan-warnings"
              >
                <List size="sm" spacing={2}>
                  {plan.warnings.map((w) => (
                    <List.Item key={w}>{w}</List.Item>
                  ))}
                </List>
              </Alert>
            )}
            {plan.activeRunId && (
              <Alert color="gray" variant="light" p="xs">
                A run of this scope is still going (<Code>{plan.activeRunId.slice(0, 8)}</Code>); wait for it to finish or cancel it.
              </Alert>
            )}
            {plan.requiresConfirmation && (
              <Checkbox
                checked={confirmOt}
                onChange={(e) => setConfirmOt(e.currentTarget.checked)}
                label={
                  <Text size="sm" fw={500}>
                    I confirm this may send packets to the plant network
                  </Text>
                }
                description={`${about.protocol}: ${formatCount(plan.targetCount)} probes at up to ${formatCount(plan.settings.ratePerSecond)} requests/s.`}
                data-testid="plan-confirm-ot"
              />
            )}
          </>
        )}
        {startError && <ErrorNotice title="The run did not start" message={startError} />}
        <Group justify="space-between">
          {plan && !plan.canStart ? (
            <Badge color="red" variant="light" leftSection={<IconAlertOctagon size={12} aria-hidden />} tt="none">
              Cannot start
            </Badge>
          ) : (
            <span />
          )}
          <Group>
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              leftSection={<IconPlayerPlay size={16} aria-hidden />}
              disabled={!plan || blocked}
              loading={starting}
              onClick={() => void start()}
              data-testid="plan-start"
            >
              {resumeRunId ? 'Resume run' : 'Start run'}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
