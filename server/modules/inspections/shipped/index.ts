// The checklists Anbao ships (INS-01), installed into every new cooperative.
import { ATM, BUSINESS_HALL, VAULT } from './premises.ts';
import { FIRE, PERSONNEL } from './safety.ts';
import { MACHINE_ROOM, NETWORK } from './systems.ts';
export type { ShippedTemplate } from './define.ts';

export const SHIPPED_TEMPLATES = [BUSINESS_HALL, MACHINE_ROOM, VAULT, FIRE, ATM, NETWORK, PERSONNEL];
