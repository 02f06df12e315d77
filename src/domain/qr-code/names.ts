/**
 * EMV wants the merchant's name (ID 59, ≤25) and city (ID 60, ≤15) in printable ASCII; names in
 * other scripts go to the language template (ID 64). Latin accents are folded ("Café" → "Cafe").
 */
export interface MerchantNames {
  readonly name: string;
  readonly city: string;
  readonly local: LocalNames | null;
}

export interface LocalNames {
  readonly language: string;
  readonly name: string;
  readonly city?: string;
}

const nameMax = 25;
const cityMax = 15;
const fallback = 'NA';

export function merchantNames(name: string, city: string, nameLocal?: string): MerchantNames {
  const asciiName = fold(name, nameMax);
  const asciiCity = fold(city, cityMax);
  const localName = nameLocal ?? (isLatin(name) ? undefined : name);
  const localCity = isLatin(city) ? undefined : city;
  const out = { name: asciiName || fallback, city: asciiCity || fallback };
  if (localName === undefined && localCity === undefined) return { ...out, local: null };
  const localText = localName ?? name;
  const local = {
    language: detectLanguage(`${localText}${localCity ?? ''}`),
    name: truncate(localText, nameMax),
    ...(localCity === undefined ? {} : { city: truncate(localCity, cityMax) }),
  };
  return { ...out, local };
}

function fold(text: string, max: number): string {
  const ascii = text
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return truncate(ascii, max).trim();
}

function isLatin(text: string): boolean {
  const folded = text.replace(/ß/g, 'ss').normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return /^[\x20-\x7e]*$/.test(folded);
}

function truncate(text: string, max: number): string {
  return Array.from(text).slice(0, max).join('');
}

const scripts: readonly (readonly [RegExp, string])[] = [
  [/[\u3040-\u30ff]/u, 'JA'],
  [/[\uac00-\ud7af\u1100-\u11ff]/u, 'KO'],
  [/\p{Script=Han}/u, 'ZH'],
  [/\p{Script=Thai}/u, 'TH'],
  [/\p{Script=Khmer}/u, 'KM'],
  [/\p{Script=Cyrillic}/u, 'RU'],
  [/\p{Script=Arabic}/u, 'AR'],
  [/\p{Script=Devanagari}/u, 'HI'],
  [/\p{Script=Greek}/u, 'EL'],
  [/\p{Script=Hebrew}/u, 'HE'],
];

/** ISO 639-1 language of a local name, guessed from its script; EN when none is recognised. */
export function detectLanguage(text: string): string {
  return scripts.find(([pattern]) => pattern.test(text))?.[1] ?? 'EN';
}
