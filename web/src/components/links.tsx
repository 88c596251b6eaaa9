import {
  Anchor,
  type AnchorProps,
  Button,
  type ButtonProps,
  NavLink,
  type NavLinkProps,
} from '@mantine/core';
import { createLink, type LinkComponent } from '@tanstack/react-router';
import type { AnchorHTMLAttributes, Ref } from 'react';

// Mantine components rendered as router links: typed `to`/`params`/`search`, client-side
// navigation, preloading on hover, and a real <a href> for middle-click and screen readers.

type AnchorBaseProps = AnchorProps &
  Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'color' | 'style'> & { ref?: Ref<HTMLAnchorElement> };

function AnchorBase(props: AnchorBaseProps) {
  return <Anchor {...props} />;
}
const CreatedAnchorLink = createLink(AnchorBase);
export const AnchorLink: LinkComponent<typeof AnchorBase> = (props) => (
  <CreatedAnchorLink preload="intent" {...props} />
);

type NavBaseProps = NavLinkProps &
  Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'color' | 'style' | 'label'> & {
    ref?: Ref<HTMLAnchorElement>;
  };

function NavBase(props: NavBaseProps) {
  return <NavLink component="a" {...props} />;
}
export const NavItemLink = createLink(NavBase);

type ButtonBaseProps = ButtonProps &
  Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'color' | 'style'> & { ref?: Ref<HTMLAnchorElement> };

function ButtonBase(props: ButtonBaseProps) {
  return <Button component="a" {...props} />;
}
export const ButtonLink = createLink(ButtonBase);
