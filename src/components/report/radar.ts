/** One line of the radar chart: measured scores, the industry type's targets, or the what-if projection. */
export interface RadarSeries {
  kind: 'current' | 'target' | 'projected';
  label: string;
  data: (number | null)[];
}
