import {describe, expect, it} from 'vitest'
import {classifyUrl} from '../../src/repos/classify.js'

describe('classifyUrl', () => {
  it('recognises every shape of a GitHub repository link', () => {
    for (const url of [
      'https://github.com/ollama/ollama',
      'https://github.com/ollama/ollama/',
      'https://github.com/ollama/ollama.git',
      'https://github.com/ollama/ollama?tab=readme-ov-file',
      'https://github.com/ollama/ollama#readme',
      'http://www.github.com/Ollama/Ollama',
      'https://github.com/ollama/ollama/issues/1'
    ]) {
      expect(classifyUrl(url), url).toMatchObject({
        kind: 'github-repo',
        key: 'github:ollama/ollama'
      })
    }
  })

  it('keeps the ref and path of deep links, decoded', () => {
    expect(
      classifyUrl('https://github.com/FlagAI-Open/FlagAI/tree/master/examples/Aquila')
    ).toMatchObject({
      kind: 'github-deep',
      owner: 'FlagAI-Open',
      name: 'FlagAI',
      view: 'tree',
      segments: ['master', 'examples', 'Aquila']
    })
    expect(
      classifyUrl('https://github.com/modelscope/agentscope/tree/main?tab=readme-ov-file')
    ).toMatchObject({kind: 'github-deep', segments: ['main']})
    expect(
      classifyUrl(
        'https://github.com/OpenBMB/General-Model-License/blob/main/%E9%80%9A%E7%94%A8.md'
      )
    ).toMatchObject({kind: 'github-deep', view: 'blob', segments: ['main', '通用.md']})
  })

  it('tells accounts from site pages', () => {
    expect(classifyUrl('https://github.com/LLM360')).toMatchObject({
      kind: 'github-account',
      login: 'LLM360',
      key: 'github:@llm360'
    })
    expect(classifyUrl('https://github.com/orgs/xverse-ai')).toMatchObject({
      kind: 'github-account',
      login: 'xverse-ai'
    })
    expect(classifyUrl('https://github.com/topics/llm')).toBeUndefined()
    expect(classifyUrl('https://github.com/features/copilot')).toBeUndefined()
    expect(classifyUrl('https://github.com/')).toBeUndefined()
    expect(classifyUrl('https://gist.github.com/a/b')).toBeUndefined()
  })

  it('recognises Hugging Face models, datasets and spaces, not the Hub pages', () => {
    expect(classifyUrl('https://huggingface.co/tiiuae/falcon-7b')).toMatchObject({
      kind: 'huggingface',
      repoType: 'model',
      id: 'tiiuae/falcon-7b',
      key: 'hf:tiiuae/falcon-7b',
      path: ''
    })
    // One key per repository; the path tells a link to a file from the repository itself.
    expect(
      classifyUrl('https://huggingface.co/tiiuae/falcon-7b/blob/main/LICENSE.txt')
    ).toMatchObject({
      repoType: 'model',
      id: 'tiiuae/falcon-7b',
      key: 'hf:tiiuae/falcon-7b',
      path: 'blob/main/LICENSE.txt'
    })
    expect(classifyUrl('https://huggingface.co/tiiuae/falcon-7b/?x=1#y')).toMatchObject({path: ''})
    expect(classifyUrl('https://huggingface.co/datasets/tiiuae/falcon-refinedweb')).toMatchObject({
      repoType: 'dataset',
      key: 'hf:datasets/tiiuae/falcon-refinedweb'
    })
    expect(
      classifyUrl('https://huggingface.co/spaces/HuggingFaceH4/open_llm_leaderboard')
    ).toMatchObject({repoType: 'space', id: 'HuggingFaceH4/open_llm_leaderboard'})
    expect(classifyUrl('https://huggingface.co/datasets/squad')).toMatchObject({
      repoType: 'dataset',
      id: 'squad'
    })
    for (const url of [
      'https://huggingface.co/chat/',
      'https://huggingface.co/docs/text-generation-inference/supported_models',
      'https://huggingface.co/models?dataset=dataset:x/y',
      'https://huggingface.co/tiiuae'
    ]) {
      expect(classifyUrl(url), url).toBeUndefined()
    }
  })

  it('recognises arXiv abstracts and PDFs, with or without version', () => {
    expect(classifyUrl('https://arxiv.org/abs/2106.09685')).toMatchObject({
      kind: 'arxiv',
      id: '2106.09685',
      key: 'arxiv:2106.09685'
    })
    expect(classifyUrl('https://arxiv.org/pdf/2304.05302v1.pdf')).toMatchObject({
      id: '2304.05302',
      version: 'v1'
    })
    expect(classifyUrl('https://browse.arxiv.org/pdf/2310.01889.pdf')).toMatchObject({
      id: '2310.01889'
    })
    expect(classifyUrl('https://arxiv.org/abs/hep-th/9901001v2')).toMatchObject({
      id: 'hep-th/9901001',
      version: 'v2'
    })
    expect(classifyUrl('https://arxiv.org/list/cs.CL/recent')).toBeUndefined()
  })

  it('leaves every other URL to the plain link checker', () => {
    expect(classifyUrl('https://www.tii.ae/news')).toBeUndefined()
    expect(classifyUrl('not a url')).toBeUndefined()
    expect(classifyUrl('ftp://github.com/a/b')).toBeUndefined()
  })
})
