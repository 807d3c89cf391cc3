/** An activity as the social subgraph knows it: its id (the activity subgraph has the rest). */
export interface ActivityReference {
  id: string;
}
