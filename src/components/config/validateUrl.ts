/** A readable problem with a URL override, or undefined when it is usable (empty means "use the default"). */
export function validateUrl(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return 'Enter a full URL starting with http:// or https://';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `Only http:// and https:// URLs are supported, not ${url.protocol}//`;
  }
  return undefined;
}
