// What activities need from the outside world, passed in so tests give real test services.
import type { Db } from '@/db/client';

export interface ActivityDeps {
  db: Db;
}
