/** POSTs a signed webhook (from `signSandboxWebhook`, `signStripeWebhook`, ...) to a URL; returns the status. */
export async function deliverWebhook(url: string, signed: { rawBody: Buffer; headers: Record<string, string> }): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers: signed.headers, body: signed.rawBody });
  await response.arrayBuffer();
  return response.status;
}
