export { StripeGateway } from './client.js';
