import type { Heading, Item, Project, Task, Zone } from './types.js';

/** Every sentence in the task chapters that commits to doing something. */
export function extractTasks(
  _text: string,
  _outline: Heading[],
  _zones: Zone[],
  _items: Item[],
  _projects: Project[],
): Task[] {
  return [];
}
