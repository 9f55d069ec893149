// Latin-script words inside right-to-left text. In an Arabic sentence, a French quote or Darija written in Latin
// letters ("«Merci beaucoup.» (أي: شكرًا جزيلًا)", "«Salam, kifach n3awnek?»") takes its punctuation from the
// surrounding right-to-left text: the guillemets and the final full stop land on the wrong side. Wrapping each Latin
// run, with the quotation marks around it and the punctuation that ends it, in a left-to-right isolate (Unicode
// LRI … PDI, UAX #9) makes it read as written, whatever the page's direction. Text without Arabic letters is
// returned unchanged: its own direction is already left to right.
const LRI = "\u2066";
const PDI = "\u2069";
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
const LATIN = "A-Za-z\\u00C0-\\u024F";
// An optional opening quote, a Latin letter, then Latin letters, digits (Arabizi: "n3awnek") and the punctuation and
// spaces of a Latin sentence, ending on a letter or digit and the punctuation that closes it, with an optional
// closing quote.
const LATIN_RUN = new RegExp(
  `(?:[«“‹"„]\\s?)?[${LATIN}](?:[${LATIN}0-9’'\\-\\s,;:]*[${LATIN}0-9])?[.?!…]*(?:\\s?[»”›"])?`,
  "gu",
);

export function isolateLatinRuns(text: string) {
  if (!ARABIC.test(text)) return text;
  return text.replace(LATIN_RUN, (run) => `${LRI}${run}${PDI}`);
}
