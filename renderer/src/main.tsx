import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, askStatusEarly } from './App.tsx';
import './styles.css';
import './components/components.css';
import './print.css';

askStatusEarly();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
