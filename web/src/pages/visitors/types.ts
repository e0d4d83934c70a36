// Types of the visitors API, taken from the server's TypeBox schemas (never hand-written twice).
// Type-only imports: nothing of the server reaches the browser bundle.
import type { Static } from 'typebox';
import type { DocumentType, RoomEntryStatus, VisitorStatus } from '../../../../server/db/schema/visitors.ts';
import type { BlocklistEntry as BlocklistSchema, Visitor as VisitorSchema } from '../../../../server/modules/visitors/schema.ts';
import type { KeySetDetail as KeySetDetailSchema, KeySet as KeySetSchema, RoomEntry as RoomEntrySchema } from '../../../../server/modules/visitors/schema-rooms.ts';

export type { DocumentType, RoomEntryStatus, VisitorStatus };
export type Visitor = Static<typeof VisitorSchema>;
export type BlocklistEntry = Static<typeof BlocklistSchema>;
export type RoomEntry = Static<typeof RoomEntrySchema>;
export type KeySet = Static<typeof KeySetSchema>;
export type KeySetDetail = Static<typeof KeySetDetailSchema>;
