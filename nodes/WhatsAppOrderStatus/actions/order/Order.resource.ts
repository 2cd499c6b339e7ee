import * as cancelOrder from './cancel.operation';
import * as updateStatus from './update.operation';

export { cancelOrder, updateStatus };
