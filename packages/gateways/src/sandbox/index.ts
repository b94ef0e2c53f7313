export { SandboxGateway, type SandboxGatewayOptions } from './gateway.js';
