export { RazorpayGateway } from './client.js';
