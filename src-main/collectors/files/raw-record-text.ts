// One record's text as a splitter found it in the file, before it is parsed.
export interface RawRecordText {
  /** The record's text; when the splitter stopped keeping it (oversizeChars set), only its beginning. */
  text: string;
  /** 1-based line on which the record starts. */
  line: number;
  /**
   * Set when the record ran past maxRecordChars before it ended, so only its first maxRecordChars
   * characters were kept: its full length in characters. A record that ended within the text the
   * splitter holds anyway is whole, and the reader checks its size itself.
   */
  oversizeChars: number | null;
}
