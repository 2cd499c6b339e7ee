import * as send from './send.operation';

export { send };
