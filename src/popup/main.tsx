// Popup entry: wires the real browser API into the component.
import { render } from 'preact';
import '../ui/theme.css';
import '../ui/meta.css';
import '../ui/prose.css';
import '../ui/controls.css';
import './popup.css';
import { uiLanguage } from '../ui/i18n';
import { createBrowserApi } from './api';
import { Popup } from './Popup';

document.documentElement.lang = uiLanguage();
const root = document.getElementById('app');
if (root) render(<Popup api={createBrowserApi()} />, root);
