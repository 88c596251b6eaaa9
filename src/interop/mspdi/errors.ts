/** A malformed MSPDI file: names the file, the XML element and what is wrong. */
export class MspdiFormatError extends Error {
  constructor(
    readonly file: string,
    readonly element: string,
    readonly detail: string,
  ) {
    super(`${file}: <${element}> ${detail}`);
    this.name = 'MspdiFormatError';
  }
}
