import { hexDigestsEqual, hmacSha256Hex } from '../internal/crypto.js';

/** Checkout's signature: HMAC-SHA256 hex of `order_id|payment_id` with the key secret. */
export function razorpayPaymentSignature(orderId: string, paymentId: string, keySecret: string): string {
  return hmacSha256Hex(keySecret, `${orderId}|${paymentId}`);
}

/** Constant-time check of a Checkout signature (the SDK's own helper compares with `===`). */
export function isValidPaymentSignature(orderId: string, paymentId: string, signature: string, keySecret: string): boolean {
  return hexDigestsEqual(razorpayPaymentSignature(orderId, paymentId, keySecret), signature);
}

/** Webhook signature: HMAC-SHA256 hex of the raw body with the webhook secret (`X-Razorpay-Signature`). */
export function razorpayWebhookSignature(rawBody: Buffer | string, webhookSecret: string): string {
  return hmacSha256Hex(webhookSecret, rawBody);
}

/** Constant-time check of a webhook signature over the exact bytes received. */
export function isValidWebhookSignature(rawBody: Buffer, signature: string, webhookSecret: string): boolean {
  return hexDigestsEqual(razorpayWebhookSignature(rawBody, webhookSecret), signature);
}
