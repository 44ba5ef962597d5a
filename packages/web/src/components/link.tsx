/**
 * An in-app link: a real `<a href>` (open in new tab works) that navigates without a reload.
 *
 * @example
 * <Link to="/projects/1">Project</Link>
 */
import type { AnchorHTMLAttributes } from 'react';
import { navigate } from '../app/router.ts';

/** Props of Link. */
export interface LinkProps extends AnchorHTMLAttributes<HTMLAnchorElement> {
  to: string;
}

/** In-app link. */
export function Link({ to, onClick, children, ...rest }: LinkProps) {
  return (
    <a
      {...rest}
      href={to}
      onClick={(e) => {
        onClick?.(e);
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
