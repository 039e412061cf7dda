import { lazy, type ComponentType } from 'react';

/**
 * A page loaded as its own chunk. Unlike bare `React.lazy`, a page whose chunk was preloaded
 * (`preload()`, started while the session is checked) renders at once: `lazy` would suspend for
 * a tick anyway, and React then holds the reveal back (its ~300 ms fallback throttle).
 */
export function lazyPage<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<{ default: ComponentType<P> }> | undefined;
  const preload = () => {
    pending ??= load().then((module) => {
      loaded = module.default;
      return module;
    });
    return pending;
  };
  const Lazy = lazy(preload);
  function Page(props: P) {
    const Loaded = loaded;
    return Loaded ? <Loaded {...props} /> : <Lazy {...props} />;
  }
  return { Page, preload };
}
