import { describe, expect, it } from '@jest/globals'
import { splitWords } from '../src/config/shell-words.js'

describe('splitWords', () => {
  it.each([
    ['python train.py', ['python', 'train.py']],
    ['  python   -u  train.py ', ['python', '-u', 'train.py']],
    [`python "my script.py" --name='a b'`, ['python', 'my script.py', '--name=a b']],
    [`echo "a\\"b" 'c\\d'`, ['echo', 'a"b', 'c\\d']],
    ['a\\ b c', ['a b', 'c']],
    [`python -c "print('hi')"`, ['python', '-c', "print('hi')"]],
    ['x ""', ['x', '']],
    ['torchrun --nproc_per_node=8\n  train.py', ['torchrun', '--nproc_per_node=8', 'train.py']],
    // No expansion: what a shell would expand stays literal, since no shell runs it.
    ['echo $HOME *.py', ['echo', '$HOME', '*.py']]
  ])('%j', (text, words) => {
    expect(splitWords(text)).toEqual(words)
  })

  it.each([[`python "train.py`], [`python 'x`], ['python \\']])('rejects %j', (text) => {
    expect(() => splitWords(text)).toThrow(/unterminated|lone backslash/)
  })
})
