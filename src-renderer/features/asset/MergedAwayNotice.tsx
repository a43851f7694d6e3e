// When an asset id no longer exists because its records were merged into another asset, its
// versions still say where they went: offer the way there instead of a dead end.
import { Alert, Anchor } from '@mantine/core';
import { IconArrowMerge } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import type { AssetVersion } from '../../../src-shared/api/reconciliation.js';
import type { Loadable } from '../../store/reconciliation-slice.js';

export function MergedAwayNotice({ versions }: { versions: Loadable<{ items: AssetVersion[]; total: number }> | undefined }) {
  const latest = versions?.data?.items[0];
  if (!latest || latest.change !== 'merged' || !latest.successorId) return null;
  return (
    <Alert color="gray" variant="light" icon={<IconArrowMerge aria-hidden />} title="This asset was merged into another" data-testid="merged-away">
      Its records now belong to{' '}
      <Anchor component={Link} to={`/assets/${latest.successorId}`} data-testid="merged-away-link">
        the asset that absorbed it
      </Anchor>
      . Its history stays readable under this address.
    </Alert>
  );
}
