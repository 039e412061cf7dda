import { NotFoundView } from '../components/error-view';

/** Any address the app does not know. */
export default function NotFoundPage() {
  return <NotFoundView />;
}
