import { expect } from '@open-wc/testing';
import { parseInline, parseMarkdown } from '../../app/components/kp-lesson/markdown.ts';

describe('lesson markdown', () => {
  it('reads headings, paragraphs, lists and fenced code', () => {
    const blocks = parseMarkdown('# Title\n\nSome **bold** and `code`.\nSame paragraph.\n\n- one\n- two\n\n```sh\nkubectl get pods\n```\n1. first\n2. second');
    expect(blocks.map((b) => b.type)).to.deep.equal(['heading', 'paragraph', 'list', 'code', 'list']);
    expect(blocks[3]).to.deep.equal({ type: 'code', lang: 'sh', text: 'kubectl get pods' });
    expect(blocks[1]).to.deep.include({ type: 'paragraph' });
    expect((blocks[4] as { ordered: boolean }).ordered).to.equal(true);
  });

  it('keeps raw HTML as text', () => {
    const inline = parseInline('<img src=x onerror=alert(1)> *em*');
    expect(inline[0]).to.deep.equal({ type: 'text', text: '<img src=x onerror=alert(1)> ' });
    expect(inline[1]).to.deep.equal({ type: 'em', text: 'em' });
  });
});
