import { BarController, BarElement, CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartOptions } from 'chart.js'

let registered = false
/** Chart.js pieces the dashboard uses, registered once, in the browser only (the charts sit in <ClientOnly>). */
export function registerCharts() {
  if (registered) return
  Chart.register(BarController, BarElement, CategoryScale, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip)
  Chart.defaults.font.family = '\'Inter Variable\', ui-sans-serif, system-ui, sans-serif'
  Chart.defaults.font.size = 12
  registered = true
}

/** The brand for charts: navy for targets and structure, the bright yellow for what was achieved. */
export const CHART = {
  yellow: '#facc15',
  yellowSoft: 'rgba(250, 204, 21, 0.18)',
  navy: '#2d437a',
  navyLight: '#9ab3da',
  navySoft: 'rgba(74, 109, 181, 0.16)',
  sky: '#38bdf8',
}

/** Axis and grid colours that read on the light and the dark theme. */
export function chartBase(dark: boolean): ChartOptions<'bar' | 'line'> {
  const text = dark ? '#c3d2ea' : '#385597'
  const grid = dark ? 'rgba(154, 179, 218, 0.12)' : 'rgba(45, 67, 122, 0.08)'
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: { duration: 400 },
    interaction: { mode: 'index', intersect: false },
    plugins: {
      legend: { position: 'bottom', labels: { color: text, usePointStyle: true, boxWidth: 8, boxHeight: 8, padding: 16 } },
      tooltip: { backgroundColor: '#0b142b', titleColor: '#fff', bodyColor: '#dfe7f4', borderColor: '#1f2f58', borderWidth: 1, padding: 10, cornerRadius: 6 },
    },
    scales: {
      x: { ticks: { color: text }, grid: { display: false }, border: { color: grid } },
      y: { ticks: { color: text }, grid: { color: grid }, border: { display: false }, beginAtZero: true },
    },
  }
}
