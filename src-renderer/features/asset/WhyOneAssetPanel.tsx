// "Why is this one asset": the source records (members) it is made of, the merges that joined them
// with their score breakdowns, the operator decisions touching them and any open question about
// them. Members can be split out (unmerge) and the asset merged with another (force merge); both
// ask first, say what will change and how to undo it, and are audited by main.
import { Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconArrowMerge, IconArrowsSplit, IconBan, IconLink, IconArrowBackUp, IconQuestionMark } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import type { AssetSummary } from '../../../src-shared/api/inventory.js';
import type { AssetMember, MatchDecisionRecord } from '../../../src-shared/api/reconciliation.js';
import { SOURCE_KIND_LABELS } from '../../../src-shared/model/source-kinds.js';
import { ConfirmActionModal } from '../../components/ConfirmActionModal.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { ScoreBreakdown } from '../../components/ScoreBreakdown.js';
import { DECISION_KIND_LABELS, DECISION_ORIGIN_LABELS, formatScore, STEWARDSHIP_KIND_LABELS } from '../../lib/evidence.js';
import { formatTime } from '../../lib/format.js';
import { memberKey, memberLabel } from '../../lib/member-label.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';
import { ForceMergeModal } from './ForceMergeModal.js';

export interface WhyOutcome {
  /** What happened, in a sentence. */
  message: string;
  /** Assets to link to from the notice. */
  links: { id: string; label: string }[];
  /** Where the page should go when the asset it shows no longer exists. */
  goTo: string | null;
}

export interface WhyOneAssetPanelProps {
  asset: AssetSummary;
  onOutcome: (outcome: WhyOutcome) => void;
}

function DecisionRow({ decision, names, onRevoke }: { decision: MatchDecisionRecord; names: ReadonlyMap<string, string>; onRevoke: () => void }) {
  const revoked = decision.revokedAt !== null;
  const Icon = decision.kind === 'force_merge' ? IconLink : IconBan;
  return (
    <Group
      justify="space-between"
      wrap="nowrap"
      align="flex-start"
      py={4}
      style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
      data-testid="decision-row"
      data-kind={decision.kind}
      data-origin={decision.origin}
      data-revoked={revoked}
    >
      <Stack gap={0} miw={0}>
        <Group gap={4} wrap="nowrap">
          <Icon size={14} aria-hidden />
          <Text size="xs" fw={500} td={revoked ? 'line-through' : undefined}>
            {DECISION_KIND_LABELS[decision.kind]}
          </Text>
          <Text size="xs" c="dimmed">
            {revoked ? `revoked ${formatTime(decision.revokedAt)} by ${decision.revokedBy ?? '—'}` : 'in force'} · via {DECISION_ORIGIN_LABELS[decision.origin]}
          </Text>
        </Group>
        <Text size="xs" className="fw-mono" style={{ overflowWrap: 'anywhere' }}>
          {memberLabel(decision.left, names)} ↔ {memberLabel(decision.right, names)}
        </Text>
        <Text size="xs" c="dimmed">
          {decision.actor} · {formatTime(decision.createdAt)}
          {decision.reason ? ` · “${decision.reason}”` : ''}
        </Text>
      </Stack>
      {!revoked && decision.origin !== 'manual_edit' && (
        <Button size="compact-xs" variant="default" leftSection={<IconArrowBackUp size={12} aria-hidden />} onClick={onRevoke} data-testid="decision-revoke">
          Revoke
        </Button>
      )}
    </Group>
  );
}

export function WhyOneAssetPanel({ asset, onOutcome }: WhyOneAssetPanelProps) {
  const store = useAppStoreApi();
  const entry = useAppStore((s) => s.explanations[asset.id]);
  const sources = useAppStore((s) => s.system.sources);
  const [unmerging, setUnmerging] = useState<AssetMember | null>(null);
  const [revoking, setRevoking] = useState<MatchDecisionRecord | null>(null);
  const [merging, setMerging] = useState(false);

  const explanation = entry?.data ?? null;
  const names = useMemo(() => {
    const map = new Map(sources.map((s) => [s.id, s.name]));
    for (const member of explanation?.members ?? []) map.set(member.sourceId, member.sourceName);
    return map;
  }, [sources, explanation]);

  if (!explanation) {
    if (entry?.error) return <ErrorNotice title="Why this is one asset could not be loaded" message={entry.error} onRetry={() => void store.getState().loadExplanation(asset.id)} />;
    return <Text size="sm" c="dimmed">Loading members and merges…</Text>;
  }

  const { members, merges, decisions, stewardship } = explanation;
  const others = (member: AssetMember) => members.filter((m) => memberKey(m) !== memberKey(member));

  return (
    <Stack gap="xs" data-testid="why-panel" data-members={members.length}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="xs" c="dimmed">
          {members.length === 1
            ? 'One source record makes this asset; no other record matched it.'
            : `${members.length} source records make this asset, joined by the ${merges.length === 1 ? 'merge' : `${merges.length} merges`} below.`}
        </Text>
        <Button size="xs" variant="default" style={{ flexShrink: 0 }} leftSection={<IconArrowMerge size={14} aria-hidden />} onClick={() => setMerging(true)} data-testid="merge-with">
          Merge with…
        </Button>
      </Group>

      <Stack gap={0} data-testid="member-table">
        {members.map((member) => (
          <Group
            key={memberKey(member)}
            justify="space-between"
            wrap="nowrap"
            align="flex-start"
            py={4}
            style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
            data-testid="member-row"
            data-source={member.sourceName}
            data-key={member.nativeKey}
          >
            <Stack gap={0} miw={0}>
              <Text size="sm">
                {member.sourceName}{' '}
                <Text span size="xs" c="dimmed">
                  {SOURCE_KIND_LABELS[member.sourceKind]}
                </Text>
              </Text>
              <Text size="xs" c="dimmed" className="fw-mono" style={{ overflowWrap: 'anywhere' }}>
                key {member.nativeKey} · {formatTime(member.observedAt)}
              </Text>
            </Stack>
            {members.length > 1 && (
              <Button size="compact-xs" variant="default" leftSection={<IconArrowsSplit size={12} aria-hidden />} onClick={() => setUnmerging(member)} data-testid="member-unmerge">
                Unmerge
              </Button>
            )}
          </Group>
        ))}
      </Stack>

      {merges.length > 0 && (
        <Stack gap={6} data-testid="merge-edges">
          <Text size="xs" fw={600} c="dimmed" tt="uppercase">
            Merges
          </Text>
          {merges.map((merge) => (
            <Stack key={`${memberKey(merge.left)}|${memberKey(merge.right)}`} gap={2} data-testid="merge-edge" data-reason={merge.reason}>
              <Group gap={6}>
                <Badge size="sm" variant="outline" color="gray" tt="none" leftSection={merge.reason === 'forced' ? <IconLink size={11} aria-hidden /> : undefined}>
                  {merge.reason === 'forced' ? 'Forced by an operator' : `Score ${formatScore(merge.score)}`}
                </Badge>
              </Group>
              <Text size="xs" className="fw-mono" style={{ overflowWrap: 'anywhere' }}>
                {memberLabel(merge.left, names)} ↔ {memberLabel(merge.right, names)}
              </Text>
              <ScoreBreakdown score={merge.score} breakdown={merge.breakdown} forced={merge.reason === 'forced'} />
            </Stack>
          ))}
        </Stack>
      )}

      {stewardship.length > 0 && (
        <Stack gap={4} data-testid="why-stewardship">
          <Text size="xs" fw={600} c="dimmed" tt="uppercase">
            Open questions
          </Text>
          {stewardship.map((item) => (
            <Group key={item.id} gap={6}>
              <IconQuestionMark size={14} aria-hidden />
              <Text size="sm">
                {STEWARDSHIP_KIND_LABELS[item.kind]}, score {formatScore(item.score)}
                {item.otherAssetId && (
                  <>
                    {' '}with{' '}
                    <Anchor component={Link} to={`/assets/${item.otherAssetId}`} size="sm">
                      another asset
                    </Anchor>
                  </>
                )}
              </Text>
              <Anchor component={Link} to={`/review?item=${item.id}`} size="sm" data-testid="why-stewardship-open">
                Decide in the review queue
              </Anchor>
            </Group>
          ))}
        </Stack>
      )}

      <Stack gap={4}>
        <Text size="xs" fw={600} c="dimmed" tt="uppercase">
          Operator decisions
        </Text>
        {decisions.length === 0 ? (
          <Text size="xs" c="dimmed">
            None: the records were matched by their evidence alone.
          </Text>
        ) : (
          <Stack gap={0} data-testid="decision-table">
            {decisions.map((decision) => (
              <DecisionRow key={decision.id} decision={decision} names={names} onRevoke={() => setRevoking(decision)} />
            ))}
          </Stack>
        )}
      </Stack>

      {unmerging && (
        <ConfirmActionModal
          opened
          title={`Unmerge ${memberLabel(unmerging, names)}?`}
          confirmLabel="Unmerge"
          confirmIcon={<IconArrowsSplit size={16} aria-hidden />}
          withReason
          testId="unmerge-modal"
          onClose={() => setUnmerging(null)}
          onConfirm={async (reason) => {
            const member = unmerging;
            const result = await store.getState().unmergeMember(asset.id, { sourceId: member.sourceId, nativeKey: member.nativeKey }, reason || undefined);
            if ('error' in result) return result.error;
            const stays = result.ok.remainingAssetIds.includes(asset.id);
            onOutcome({
              message: `${memberLabel(member, names)} is its own asset now; a never-merge decision keeps it apart.`,
              links: [
                { id: result.ok.memberAssetId, label: `Open ${member.nativeKey}'s asset` },
                ...result.ok.remainingAssetIds.filter((id) => id !== asset.id).map((id) => ({ id, label: 'Open the remaining asset' })),
              ],
              goTo: stays ? null : (result.ok.remainingAssetIds[0] ?? result.ok.memberAssetId),
            });
            return null;
          }}
        >
          <Stack gap={6}>
            <Text size="sm" data-testid="unmerge-consequence">
              <b>{memberLabel(unmerging, names)}</b> ({unmerging.sourceName}, {SOURCE_KIND_LABELS[unmerging.sourceKind]}) will become its own asset, with
              only the values it reported. A never-merge decision is recorded between it and{' '}
              {others(unmerging).length === 1 ? memberLabel(others(unmerging)[0]!, names) : `each of the other ${others(unmerging).length} records`}, so later
              imports keep them apart.
            </Text>
            <Text size="sm">
              {asset.name} keeps its tags and lifecycle and the values of the other records. Undo by revoking the decision under “Operator decisions”. The
              change is recorded in the audit log.
            </Text>
          </Stack>
        </ConfirmActionModal>
      )}

      {revoking && (
        <ConfirmActionModal
          opened
          title={`Revoke this ${DECISION_KIND_LABELS[revoking.kind].toLowerCase()} decision?`}
          confirmLabel="Revoke decision"
          confirmIcon={<IconArrowBackUp size={16} aria-hidden />}
          testId="revoke-modal"
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            const problem = await store.getState().revokeDecision(revoking.id);
            if (!problem) onOutcome({ message: 'Decision revoked; the records were matched again on their evidence.', links: [], goTo: null });
            return problem;
          }}
        >
          {revoking.kind === 'never_merge'
            ? `${memberLabel(revoking.left, names)} and ${memberLabel(revoking.right, names)} may be merged again if their evidence scores 55 or more (or go to the review queue between 35 and 55).`
            : `${memberLabel(revoking.left, names)} and ${memberLabel(revoking.right, names)} stay together only if their evidence scores 55 or more; otherwise they split into separate assets.`}{' '}
          The revocation is recorded in the audit log.
        </ConfirmActionModal>
      )}

      {merging && (
        <ForceMergeModal
          asset={asset}
          opened
          onClose={() => setMerging(false)}
          onMerged={(assetId, otherName) =>
            onOutcome({
              message: `${asset.name} and ${otherName} are one asset now; a force-merge decision keeps them together.`,
              links: [],
              goTo: assetId === asset.id ? null : assetId,
            })
          }
        />
      )}
    </Stack>
  );
}
