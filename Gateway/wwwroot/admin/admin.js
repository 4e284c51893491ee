// The admin pages: plain ES modules, nothing to build. Everything goes through the public admin API with the session
// cookie (see ../staff/session.js); refusals show next to the field the API names.
import { $, signInForm } from '../staff/session.js';
import { channelsSection, channelTypesSection, providersSection, templatesSection } from './catalog.js';
import { connectorsSection } from './connectors.js';
import { controllerSection } from './controller.js';
import { usersSection } from './users.js';

signInForm(['admin'], async (me) => {
  $('who').textContent = `Signed in as ${me.name || me.id}`;
  const container = $('sections');
  // Each change reloads every list, since connectors list providers and types, and channels list connectors.
  const changed = () => reload(lists);
  const types = channelTypesSection(container, changed);
  const providers = providersSection(container, changed);
  const connectors = connectorsSection(container, providers, types, changed);
  const channels = channelsSection(container, connectors, changed);
  const lists = [types, providers, connectors, channels, templatesSection(container, channels, changed), usersSection(container, changed)];
  const controller = controllerSection(container);
  $('admin').hidden = false;
  await Promise.all([reload(lists), controller.load()]);
  $('section-links').querySelector('a').focus();
});

async function reload(lists) {
  await Promise.all(lists.map((list) => list.load()));
  lists.forEach((list) => list.refreshOptions());
}
