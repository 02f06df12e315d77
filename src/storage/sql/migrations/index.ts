import type { ColumnTypes, Migration } from '../schema.ts';
import { coreMigration } from './0001-core.ts';
import { webhooksMigration } from './0002-webhooks.ts';
import { riskMigration } from './0003-risk.ts';
import { onboardingMigration } from './0004-onboarding.ts';
import { catalogMigration } from './0005-catalog.ts';

/**
 * Every migration, one file each, numbered. Add a file and one line here; never edit a migration
 * that has shipped (write a new one).
 */
export const allMigrations: ((t: ColumnTypes) => Migration)[] = [
  coreMigration,
  webhooksMigration,
  riskMigration,
  onboardingMigration,
  catalogMigration,
];
