// Every activity the worker registers: re-export each flow's activities.ts here.
// Activities run in plain Node: I/O, gateways and the database belong here, never in workflows.
import * as ping from './ping/activities.js';

export const activities = { ...ping };

export type Activities = typeof activities;
