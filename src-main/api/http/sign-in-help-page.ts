// What a person sees who opens serve mode's address in a browser without the sign-in link: a page
// that says what to do, instead of a JSON error.
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export function signInHelpPage(message: string, requestId: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fieldwise: sign in</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>Fieldwise is running, but this browser is not signed in</h1>
<p>${escapeHtml(message)}</p>
<p>Open the address that <code>fieldwise serve</code> printed when it started: it ends in <code>?token=…</code>. Each start makes a new one.</p>
<p style="color: #666">Request ${escapeHtml(requestId)}</p></body></html>
`;
}
