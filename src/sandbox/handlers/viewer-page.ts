import { createHash } from 'node:crypto'
import type { SandboxContext } from '../context'
import { escapeHtml } from '../http/respond'
import { checkViewerToken } from '../reroute'

const STYLE = 'body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1f24}dt{font-weight:600}dd{margin:0 0 .75rem 0}.stat{color:#b00020}'
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64')

/** Headers of every viewer page: the URL carries a credential, so nothing is cached, framed or leaked. */
export const VIEWER_PAGE_HEADERS: Record<string, string> = {
  'content-security-policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY'
}

function page(heading: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Avara Viewer (sandbox)</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(heading)}</h1>${body}</body></html>`
}

export interface ViewerPage {
  status: number
  html: string
}

/** GET /viewer/studies/<studyId>?token=...: the token is the credential (no bearer auth). */
export function renderViewerPage(ctx: SandboxContext, studyId: string, token: string | null): ViewerPage {
  const check = checkViewerToken(ctx, studyId, token)
  if (check !== 'valid') {
    const why = check === 'expired' ? 'This viewer link has expired. Ask for a new one.' : 'This viewer link is not valid.'
    return { status: 403, html: page('Avara Viewer (sandbox)', `<p>${escapeHtml(why)}</p>`) }
  }
  const study = ctx.store.studies.get(studyId)
  if (!study) return { status: 404, html: page('Avara Viewer (sandbox)', '<p>Study not found.</p>') }
  const severityClass = study.severity === 'stat' ? ' class="stat"' : ''
  return {
    status: 200,
    html: page(
      'Avara Viewer (sandbox)',
      `<dl><dt>Study</dt><dd>${escapeHtml(study.study_description)}</dd>` +
        `<dt>Study Instance UID</dt><dd>${escapeHtml(study.study_instance_uid)}</dd>` +
        `<dt>Severity</dt><dd${severityClass}>${escapeHtml(study.severity)}</dd>` +
        `<dt>Status</dt><dd>${escapeHtml(study.viewer_status)}${study.is_cancelled ? ' (cancelled)' : ''}</dd></dl>` +
        '<p>This is a stand-in for the Avara Viewer; no images are shown.</p>'
    )
  }
}
