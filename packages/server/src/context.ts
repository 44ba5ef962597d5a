import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import { AllowList } from './media/address-policy.ts';
import { SafeFetcher } from './media/safe-fetch.ts';
import { LocalStorage } from './media/storage/local-storage.ts';
import { S3Storage } from './media/storage/s3-storage.ts';
import type { Storage } from './media/storage/storage.ts';
import { join } from 'node:path';
import type { Store } from './store/db.ts';
import { AnnotationsRepository } from './store/annotations.repository.ts';
import { AuditRepository } from './store/audit.repository.ts';
import { JobsRepository } from './store/jobs.repository.ts';
import { PredictionsRepository } from './store/predictions.repository.ts';
import { ProjectsRepository } from './store/projects.repository.ts';
import { ReviewsRepository } from './store/reviews.repository.ts';
import { TasksRepository } from './store/tasks.repository.ts';
import { UsersRepository } from './store/users.repository.ts';

/** Everything a route or service needs, built once per app. */
export interface AppContext {
  config: Config;
  store: Store;
  users: UsersRepository;
  projects: ProjectsRepository;
  tasks: TasksRepository;
  annotations: AnnotationsRepository;
  predictions: PredictionsRepository;
  reviews: ReviewsRepository;
  jobs: JobsRepository;
  audit: AuditRepository;
  /** The one fetcher for every server-side request. */
  fetcher: SafeFetcher;
  /** Media, exports and dataset versions. */
  storage: Storage;
  /** The app's logger, once the app is built. */
  log?: FastifyBaseLogger;
  /** Wakes the job runner after an enqueue. */
  pokeJobs: () => void;
}

export function createContext(config: Config, store: Store): AppContext {
  const db = store.db;
  const fetcher = new SafeFetcher(new AllowList(config.fetchAllow));
  const storage: Storage =
    config.storage.kind === 's3'
      ? new S3Storage({ ...config.storage, lookup: fetcher.lookup })
      : new LocalStorage(join(config.dataDir, 'objects'));
  return {
    config,
    store,
    users: new UsersRepository(db),
    projects: new ProjectsRepository(db),
    tasks: new TasksRepository(db),
    annotations: new AnnotationsRepository(db),
    predictions: new PredictionsRepository(db),
    reviews: new ReviewsRepository(db),
    jobs: new JobsRepository(db, store.dialect),
    audit: new AuditRepository(db),
    fetcher,
    storage,
    pokeJobs: () => {},
  };
}
