import {describe, expect, it} from 'vitest'
import {urlIdentity} from '../../src/entries/url-identity.js'

describe('urlIdentity', () => {
  it.each([
    ['https://github.com/Microsoft/AutoGen', 'https://github.com/microsoft/autogen'],
    ['http://github.com/microsoft/autogen', 'https://github.com/microsoft/autogen'],
    ['https://www.github.com/microsoft/autogen/', 'https://github.com/microsoft/autogen'],
    ['https://github.com/microsoft/autogen.git', 'https://github.com/microsoft/autogen'],
    ['https://github.com/microsoft/autogen/tree/main', 'https://github.com/microsoft/autogen'],
    ['https://github.com/microsoft/autogen/tree/master/', 'https://github.com/microsoft/autogen'],
    ['https://github.com/microsoft/autogen#readme', 'https://github.com/microsoft/autogen'],
    ['https://huggingface.co/TheBloke/Llama-2-7B-GGUF', 'https://hf.co/thebloke/llama-2-7b-gguf'],
    [
      'https://huggingface.co/datasets/Tatsu-Lab/Alpaca',
      'https://huggingface.co/datasets/tatsu-lab/alpaca/'
    ],
    ['https://arxiv.org/abs/2106.09685', 'https://arxiv.org/pdf/2106.09685.pdf'],
    ['https://arxiv.org/abs/2106.09685v2', 'http://arxiv.org/pdf/2106.09685v1'],
    ['http://www.example.com/page/', 'https://example.com/page']
  ])('%s is the same project as %s', (a, b) => {
    expect(urlIdentity(a)).toBe(urlIdentity(b))
  })

  it.each([
    ['https://github.com/microsoft/autogen', 'https://github.com/microsoft/autogen-studio'],
    ['https://github.com/microsoft/autogen/tree/dev', 'https://github.com/microsoft/autogen'],
    ['https://github.com/org/repo/tree/main/sub', 'https://github.com/org/repo'],
    ['https://huggingface.co/datasets/org/x', 'https://huggingface.co/org/x'],
    ['https://arxiv.org/abs/2106.09685', 'https://arxiv.org/abs/2106.09686'],
    ['https://example.com/Page', 'https://example.com/page'],
    ['https://example.com/a?x=1', 'https://example.com/a?x=2']
  ])('%s is not the same as %s', (a, b) => {
    expect(urlIdentity(a)).not.toBe(urlIdentity(b))
  })
})
