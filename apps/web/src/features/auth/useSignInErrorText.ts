import { useTranslation } from 'react-i18next';
import { describeError } from '../../api/errors';

/** Words for what went wrong at sign-in: a refused password, the rate limit, or an SSO round trip. */
export function useSignInErrorText() {
  const { t } = useTranslation();
  return {
    title: (err: unknown): string => {
      const d = describeError(err);
      if (d.status === 429) return t('auth.tooMany');
      if (d.status === 401 || d.status === 400) return t('auth.refused');
      return t('auth.failed');
    },
    /** `?error=<code>` from the BFF's OIDC callback. */
    forCode: (code: string): string => {
      switch (code) {
        case 'OIDC_DENIED':
          return t('auth.oidc.denied');
        case 'OIDC_STATE_EXPIRED':
        case 'OIDC_STATE_MISSING':
        case 'OIDC_STATE_MISMATCH':
        case 'OIDC_STATE_INVALID':
        case 'OIDC_CODE_INVALID':
          return t('auth.oidc.retry', { code });
        case 'OIDC_CLAIM_INVALID':
          return t('auth.oidc.claims', { code });
        default:
          return t('auth.oidc.other', { code });
      }
    },
  };
}
