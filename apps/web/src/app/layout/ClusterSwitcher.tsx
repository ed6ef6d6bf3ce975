import { Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useClusters } from '../../api/clusters';
import { paths, sectionOf } from '../../shared/lib/paths';

/** Switching cluster keeps the section (Topology, SQL...) but not objects that belong to the old cluster. */
export function ClusterSwitcher({ current }: { current: string | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { data, isPending, isError } = useClusters();
  return (
    <Select
      data-testid="cluster-switcher"
      aria-label={t('header.cluster')}
      style={{ minWidth: 180 }}
      loading={isPending}
      status={isError ? 'error' : undefined}
      value={current}
      placeholder={t('header.cluster')}
      onChange={(name) => navigate(paths.section(name, sectionOf(pathname)))}
      options={(data?.items ?? []).map((c) => ({
        value: c.name,
        label: (
          <span>
            {c.title || c.name}
            {c.default ? (
              <Tag style={{ marginInlineStart: 8 }} variant="filled">
                {t('header.default')}
              </Tag>
            ) : null}
          </span>
        ),
      }))}
    />
  );
}
