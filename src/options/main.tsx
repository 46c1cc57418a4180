// Options page entry: wires the real browser API into the component.
import { render } from 'preact';
import '../ui/theme.css';
import '../ui/controls.css';
import './options.css';
import { t, uiLanguage } from '../ui/i18n';
import { createBrowserOptionsApi } from './api';
import { Options } from './Options';

document.documentElement.lang = uiLanguage();
document.title = t('options_title');
const root = document.getElementById('app');
if (root) render(<Options api={createBrowserOptionsApi()} />, root);
