// The console's agent task report: a range of days in the supervisor's time zone, rows by channel type, agent or
// channel, from GET /api/reports/agent-tasks (tasks are reported once they end).
import { $, api, el } from '../staff/session.js';

// Only the answer to the last request is shown, whichever comes back first.
let requests = 0;

const KEY_NAMES = { CHANNEL_TYPE: 'Channel type', AGENT: 'Agent', SERVICE: 'Channel' };
const NO_KEY = { CHANNEL_TYPE: '(no channel type)', AGENT: '(not answered)', SERVICE: '(no channel)' };

/** Fills the form with the last seven days and shows their report. */
export function setUpReport() {
  const today = new Date();
  $('report-to').value = day(today);
  $('report-from').value = day(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 6));
  $('report-form').addEventListener('submit', (event) => {
    event.preventDefault();
    showReport();
  });
  showReport();
}

async function showReport() {
  $('report-error').textContent = '';
  const asked = ++requests;
  const by = $('report-by').value;
  try {
    const to = midnight($('report-to').value);
    to.setDate(to.getDate() + 1);
    const query = new URLSearchParams({
      from: midnight($('report-from').value).toISOString(), to: to.toISOString(), by, serviceLevelSeconds: $('report-level').value,
    });
    const report = await api('GET', `/api/reports/agent-tasks?${query}`);
    if (asked !== requests) {
      return;
    }
    $('report-key').textContent = KEY_NAMES[by];
    $('report').querySelector('tbody').replaceChildren(...report.rows.map((row) => line(row, row.key ?? NO_KEY[by])));
    $('report').querySelector('tfoot').replaceChildren(line(report.total, 'All'));
    $('report').hidden = report.rows.length === 0;
    $('report-empty').hidden = report.rows.length > 0;
  } catch (error) {
    if (asked === requests) {
      $('report').hidden = true;
      $('report-empty').hidden = true;
      $('report-error').textContent = error.message;
    }
  }
}

function line(row, name) {
  const codes = Object.entries(row.wrapUpCodes).map(([code, count]) => `${code} ${count}`).join(', ');
  const cells = [row.tasks, row.answered, row.unanswered, `${Math.round(row.serviceLevel * 1000) / 10} %`,
    seconds(row.averageWaitSeconds), seconds(row.longestWaitSeconds), seconds(row.averageHandleSeconds), codes || '–'];
  const tr = el('tr');
  tr.append(el('th', { scope: 'row' }, name), ...cells.map((cell) => el('td', {}, String(cell))));
  return tr;
}

const seconds = (value) => (value === null || value === undefined ? '–' : `${value} s`);
const day = (date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
/** Local midnight of a date input's value; an empty or unreadable one is refused before anything is asked. */
function midnight(value) {
  const date = new Date(`${value}T00:00`);
  if (Number.isNaN(date.getTime())) {
    throw new Error('Choose both days.');
  }
  return date;
}
