// A window event that asks the inventory search box to take focus (Ctrl/Cmd+K, "/").
export const SEARCH_FOCUS_EVENT = 'fieldwise:focus-search';

export function requestSearchFocus(): void {
  window.dispatchEvent(new Event(SEARCH_FOCUS_EVENT));
}
