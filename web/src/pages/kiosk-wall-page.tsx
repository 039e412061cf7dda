import { KioskWallPage } from './cockpit-page';

/** The wall screen opened by a kiosk link, as a page of its own chunk. */
export default KioskWallPage;
