export { signSandboxWebhook, sandboxSignatureHeader, type SandboxWebhookEvent, type SignedWebhook } from '../sandbox/webhooks.js';
export { sandboxTestCards, sandboxTokenFor } from '../sandbox/test-cards.js';
