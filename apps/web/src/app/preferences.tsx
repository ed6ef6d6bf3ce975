import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { i18n, LANG_KEY, type Language } from './i18n';

export type ThemeMode = 'light' | 'dark';

const THEME_KEY = 'vtdeck.theme';

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Private mode or a full quota: the choice just lasts for this page.
  }
}

export function initialTheme(): ThemeMode {
  const saved = read(THEME_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

interface Preferences {
  theme: ThemeMode;
  language: Language;
  setTheme: (t: ThemeMode) => void;
  setLanguage: (l: Language) => void;
}

const PreferencesContext = createContext<Preferences | null>(null);

export function PreferencesProvider({ children }: { children: ReactNode }) {
  const [theme, setThemeState] = useState<ThemeMode>(initialTheme);
  const [language, setLanguageState] = useState<Language>(() => i18n.language as Language);

  const setTheme = useCallback((t: ThemeMode) => {
    write(THEME_KEY, t);
    setThemeState(t);
  }, []);
  const setLanguage = useCallback((l: Language) => {
    write(LANG_KEY, l);
    document.documentElement.lang = l;
    void i18n.changeLanguage(l);
    setLanguageState(l);
  }, []);

  const value = useMemo(
    () => ({ theme, language, setTheme, setLanguage }),
    [theme, language, setTheme, setLanguage],
  );
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}

export function usePreferences(): Preferences {
  const ctx = useContext(PreferencesContext);
  if (!ctx) throw new Error('usePreferences outside PreferencesProvider');
  return ctx;
}
