/**
 * Loads every module that registers a job handler, so a worker knows all the kinds. Add a line for
 * a new module of handlers.
 */
import './email.ts';
import './reminders.ts';
import './scheduled-upkeep.ts';
