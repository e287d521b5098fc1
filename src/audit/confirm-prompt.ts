import {
  createPrompt,
  isEnterKey,
  makeTheme,
  type Status,
  type Theme,
  useKeypress,
  usePrefix,
  useState,
} from '@inquirer/core';
import type { PartialDeep } from '@inquirer/type';

export interface KeyConfirmConfig {
  message: string;
  default: boolean;
  theme?: PartialDeep<Theme>;
}

/**
 * A yes/no question that a key answers at once, like every other choice in the audit: y or n
 * picks, Enter takes the default. Any other key does nothing.
 */
export const keyConfirm = createPrompt<boolean, KeyConfirmConfig>((config, done) => {
  const [status, setStatus] = useState<Status>('idle');
  const [value, setValue] = useState(config.default);
  const theme = makeTheme(config.theme);
  const prefix = usePrefix({ status, theme });
  useKeypress((key, rl) => {
    if (status !== 'idle') return;
    const pick = (v: boolean) => {
      setValue(v);
      setStatus('done');
      done(v);
    };
    const typed = key.name?.toLowerCase();
    if (isEnterKey(key)) pick(config.default);
    else if (typed === 'y') pick(true);
    else if (typed === 'n') pick(false);
    else rl.clearLine(0);
  });
  const message = theme.style.message(config.message, status);
  if (status === 'done') return `${prefix} ${message} ${theme.style.answer(value ? 'Yes' : 'No')}`;
  return `${prefix} ${message} ${theme.style.defaultAnswer(config.default ? 'Y/n' : 'y/N')}`;
});
