// People's phone and ID numbers and TOTP secrets are encrypted at rest (SEC-06, PIP-02).
import { users } from '../../db/schema/index.ts';
import { registerEncryptedColumns } from '../crypto/encrypted-columns.ts';

registerEncryptedColumns({
  name: 'users',
  table: users,
  id: users.id,
  fields: [{ enc: users.phoneEnc, hash: users.phoneHash }, { enc: users.idNumberEnc, hash: users.idNumberHash }, { enc: users.totpSecretEnc }],
});
